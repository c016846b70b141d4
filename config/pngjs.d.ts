// Minimal typing for pngjs as used by make-tab-icons.ts.
declare module 'pngjs' {
  export class PNG {
    constructor(options: { width: number; height: number })
    width: number
    height: number
    data: Buffer
    static sync: { write(png: PNG): Buffer; read(buffer: Buffer): PNG }
  }
}
