/**
 * Geo query operators that mingo does not ship, registered into a mingo
 * Context: `$geoWithin` ($geometry Polygon / MultiPolygon, $centerSphere) and
 * `$nearSphere` ($geometry Point with $maxDistance / $minDistance in metres;
 * results ordered nearest first by the engine). `$geoIntersects` is refused
 * with DATABASE_INVALID_OPERRATOR (SDK errCode -502002).
 *
 * Distances are great-circle on a sphere of radius 6378.1 km (MongoDB's
 * 2dsphere radius). Points are GeoJSON `{type: 'Point', coordinates: [lng, lat]}`
 * as the SDK stores `db.Geo.Point`. Polygon edges are treated as straight
 * lines in lng/lat (fine for the small areas a county app uses; MongoDB uses
 * geodesic edges).
 */
import { Context } from 'mingo'
import { CloudError } from '../types'

// mingo's path resolver (handles dotted paths through arrays); its types are
// not reachable under moduleResolution node10, the runtime export is.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { resolve } = require('mingo/util') as { resolve: (obj: unknown, path: string) => any }

export const EARTH_RADIUS_M = 6378100

type Pos = [number, number]

function pointOf(v: any): Pos | null {
  if (v && typeof v === 'object' && v.type === 'Point' && Array.isArray(v.coordinates)) {
    const [x, y] = v.coordinates
    if (typeof x === 'number' && typeof y === 'number') return [x, y]
  }
  if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]]
  return null
}

/** Great-circle distance between two [lng, lat] positions, in metres. */
export function distanceMeters(a: Pos, b: Pos): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function inPolygon(p: Pos, rings: Pos[][]): boolean {
  if (!rings.length || !inRing(p, rings[0])) return false
  for (let i = 1; i < rings.length; i++) if (inRing(p, rings[i])) return false
  return true
}

function withinTest(spec: any): (p: Pos) => boolean {
  if (spec && spec.$geometry) {
    const g = spec.$geometry
    if (g.type === 'Polygon') return (p) => inPolygon(p, g.coordinates)
    if (g.type === 'MultiPolygon') return (p) => g.coordinates.some((poly: Pos[][]) => inPolygon(p, poly))
    throw new CloudError('DATABASE_INVALID_OPERRATOR', `$geoWithin does not support geometry ${g.type}`)
  }
  if (spec && Array.isArray(spec.$centerSphere)) {
    const center = pointOf(spec.$centerSphere[0])
    const radians = Number(spec.$centerSphere[1])
    if (!center || !Number.isFinite(radians)) throw new CloudError('INVALID_PARAM', 'invalid $centerSphere')
    return (p) => distanceMeters(center, p) <= radians * EARTH_RADIUS_M
  }
  throw new CloudError('DATABASE_INVALID_OPERRATOR', 'unsupported $geoWithin form')
}

/** Parsed `$nearSphere` operand. */
export interface NearSpec {
  center: Pos
  max: number
  min: number
}

export function parseNear(spec: any): NearSpec {
  const center = pointOf(spec?.$geometry ?? spec)
  if (!center) throw new CloudError('INVALID_PARAM', '$nearSphere needs a GeoJSON Point')
  const max = spec?.$maxDistance === undefined ? Infinity : Number(spec.$maxDistance)
  const min = spec?.$minDistance === undefined ? 0 : Number(spec.$minDistance)
  return { center, max, min }
}

/** First point found at a path (a multikey array of points counts by its first point). */
export function pointAt(doc: any, path: string): Pos | null {
  const v = resolve(doc, path)
  const p = pointOf(v)
  if (p) return p
  if (Array.isArray(v)) {
    for (const item of v) {
      const q = pointOf(item)
      if (q) return q
    }
  }
  return null
}

/** mingo Context with the geo operators added. */
export const geoContext = Context.init().addQueryOps({
  $geoWithin: ((selector: string, value: any) => {
    const test = withinTest(value)
    return (o: any) => {
      const p = pointAt(o, selector)
      return p !== null && test(p)
    }
  }) as any,
  $nearSphere: ((selector: string, value: any) => {
    const near = parseNear(value)
    return (o: any) => {
      const p = pointAt(o, selector)
      if (!p) return false
      const d = distanceMeters(near.center, p)
      return d <= near.max && d >= near.min
    }
  }) as any,
  $geoIntersects: (() => {
    throw new CloudError('DATABASE_INVALID_OPERRATOR', '$geoIntersects is not supported by the local emulator')
  }) as any
})
