/**
 * Draws the four tab-bar icons (81×81 PNG, WeChat's recommended size, in
 * grey and in 政协红 for the selected state) into src/assets/tabbar/.
 * Run once when changing them: `npx tsx config/make-tab-icons.ts`; the PNGs
 * are committed. Shapes are defined as point-in-shape tests and anti-aliased
 * by 4×4 supersampling; pngjs (already installed with qrcode) encodes them.
 */
import fs from 'fs'
import path from 'path'
import { PNG } from 'pngjs'

type Shape = (x: number, y: number) => boolean
const SIZE = 81

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const inRing = (x: number, y: number, cx: number, cy: number, r: number, w: number) => inCircle(x, y, cx, cy, r) && !inCircle(x, y, cx, cy, r - w)
const inRoundRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number) => {
  if (!inRect(x, y, x0, y0, x1, y1)) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return inCircle(x, y, cx, cy, r)
}
const outline = (outer: Shape, inner: Shape): Shape => (x, y) => outer(x, y) && !inner(x, y)

const shapes: Record<string, Shape> = {
  // 首页: a house: roof triangle outline + body with a door.
  home: (x, y) => {
    const roofOuter = y >= 10 && y <= 40 && Math.abs(x - 40.5) <= (y - 10) * 1.15 + 3
    const roofInner = y >= 17 && y <= 40 && Math.abs(x - 40.5) <= (y - 17) * 1.15 - 2
    const body = outline((a, b) => inRect(a, b, 17, 36, 64, 70), (a, b) => inRect(a, b, 23, 40, 58, 64))(x, y)
    const door = inRect(x, y, 35, 50, 46, 70)
    return (roofOuter && !roofInner) || body || door
  },
  // 协商: two overlapping speech bubbles.
  consult: (x, y) => {
    const back = outline((a, b) => inRoundRect(a, b, 8, 12, 52, 44, 8), (a, b) => inRoundRect(a, b, 14, 18, 46, 38, 4))(x, y)
    const tail1 = y >= 44 && y <= 54 && x >= 16 && x <= 26 - (y - 44)
    const front = inRoundRect(x, y, 28, 32, 74, 64, 8)
    const frontHole = inRoundRect(x, y, 34, 38, 68, 58, 4)
    const tail2 = y >= 64 && y <= 74 && x <= 66 && x >= 56 + (y - 64)
    const dots = inCircle(x, y, 42, 48, 3) || inCircle(x, y, 51, 48, 3) || inCircle(x, y, 60, 48, 3)
    const backVisible = (back || tail1) && !front
    return backVisible || (front && !frontHole) || tail2 || dots
  },
  // 反映: a sheet with lines and a folded corner.
  opinion: (x, y) => {
    const sheet = outline((a, b) => inRoundRect(a, b, 16, 8, 65, 73, 6), (a, b) => inRoundRect(a, b, 22, 14, 59, 67, 3))(x, y)
    const lines = inRect(x, y, 28, 26, 53, 31) || inRect(x, y, 28, 38, 53, 43) || inRect(x, y, 28, 50, 44, 55)
    return sheet || lines
  },
  // 我的: a person: head ring + shoulders arc.
  mine: (x, y) => {
    const head = inRing(x, y, 40.5, 26, 15, 6)
    const shoulders = y >= 50 && y <= 74 && inRing(x, y, 40.5, 78, 30, 6)
    const base = inRect(x, y, 10.5, 68, 70.5, 74) && inCircle(x, y, 40.5, 78, 30)
    return head || shoulders || base
  }
}

function draw(shape: Shape, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE })
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++
      const i = (y * SIZE + x) * 4
      png.data[i] = rgb[0]
      png.data[i + 1] = rgb[1]
      png.data[i + 2] = rgb[2]
      png.data[i + 3] = Math.round((hits / 16) * 255)
    }
  }
  return PNG.sync.write(png)
}

const outDir = path.join(__dirname, '..', 'src', 'assets', 'tabbar')
fs.mkdirSync(outDir, { recursive: true })
for (const [name, shape] of Object.entries(shapes)) {
  fs.writeFileSync(path.join(outDir, `${name}.png`), draw(shape, [0x66, 0x66, 0x66]))
  fs.writeFileSync(path.join(outDir, `${name}-active.png`), draw(shape, [0xb8, 0x20, 0x2a]))
}
console.log(`wrote ${Object.keys(shapes).length * 2} icons to ${outDir}`)
