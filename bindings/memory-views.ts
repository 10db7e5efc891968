/**
 * Typed-array views over a WASM instance's linear memory. This is the one module that owns them:
 * growth detaches the old ArrayBuffer, so every getter checks the buffer and re-derives views.
 * Callers must not keep a view across a call that may allocate.
 */
export class MemoryViews {
  private buffer: ArrayBuffer;
  private _u8!: Uint8Array;
  private _i32!: Int32Array;
  private _u32!: Uint32Array;
  private _f64!: Float64Array;
  private _i64!: BigInt64Array;
  private _dv!: DataView;

  constructor(readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.derive();
  }

  private derive(): void {
    const b = (this.buffer = this.memory.buffer);
    this._u8 = new Uint8Array(b);
    this._i32 = new Int32Array(b);
    this._u32 = new Uint32Array(b);
    this._f64 = new Float64Array(b);
    this._i64 = new BigInt64Array(b);
    this._dv = new DataView(b);
  }

  private check(): void {
    if (this.memory.buffer !== this.buffer) this.derive();
  }

  get u8(): Uint8Array { this.check(); return this._u8; }
  get i32(): Int32Array { this.check(); return this._i32; }
  get u32(): Uint32Array { this.check(); return this._u32; }
  get f64(): Float64Array { this.check(); return this._f64; }
  get i64(): BigInt64Array { this.check(); return this._i64; }
  get dataView(): DataView { this.check(); return this._dv; }
}
