/**
 * Protobuf messages of wx-server-sdk 4.0.2's `wx.openApi` transport, written
 * out field for field from the SDK's own generated module
 * (node_modules/wx-server-sdk/index.js, "./src/protobuf/openapi.js":
 * `KeyValuePair`, `OpenApiData`, `CommApiData`, `CommOpenApiResp`,
 * `HttpHeader`; same names, numbers and types).
 *
 * Request: the SDK posts multipart form data whose `requestData` part is a
 * `CommApiData` with `apiType = OPEN_API` and `openapiData.pairs` = one
 * `KeyValuePair` per top-level parameter (snake_case key; value = JSON text of
 * the value, or raw bytes plus `filename` for media like `{contentType, value: Buffer}`).
 * Response: raw bytes of a `CommOpenApiResp` (`respData` = the WeChat API's
 * JSON or binary body, `contentType`, `errorCode` = a platform error such as
 * -604101 when the function lacks permission).
 */
import protobuf from 'protobufjs'

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 }
      }
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    TokenApiData: {
      fields: {
        resourceAppid: { type: 'string', id: 1 },
        resourceEnv: { type: 'string', id: 2 }
      }
    },
    SvrkitApiData: {
      fields: {
        apiName: { type: 'string', id: 1 },
        reqData: { type: 'bytes', id: 2 }
      }
    },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        tokenData: { type: 'TokenApiData', id: 5 },
        appid: { type: 'string', id: 6 }
      },
      nested: {
        ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } }
      }
    },
    HttpHeader: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'string', id: 2 }
      }
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 }
      }
    }
  }
})

const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

/** One decoded request parameter. */
export interface OpenApiParam {
  key: string
  /** Raw bytes of the value (JSON text for plain values). */
  value: Buffer
  /** Set for media parameters. */
  filename?: string
}

/** A decoded `requestData`. */
export interface DecodedOpenApiRequest {
  apiType: number
  appid: string
  params: OpenApiParam[]
}

/**
 * Decode the `requestData` bytes of a wx.openApi call.
 * @throws Error when the bytes are not a CommApiData message
 */
export function decodeOpenApiRequest(bytes: Buffer): DecodedOpenApiRequest {
  const msg = CommApiData.decode(bytes) as unknown as {
    apiType: number
    appid: string
    openapiData?: { pairs?: Array<{ key: string; value: Uint8Array; filename?: string }> }
  }
  const pairs = msg.openapiData?.pairs ?? []
  return {
    apiType: msg.apiType ?? 0,
    appid: msg.appid ?? '',
    params: pairs.map((p) => ({ key: p.key, value: Buffer.from(p.value), filename: p.filename || undefined }))
  }
}

/**
 * Encode a reply the SDK will decode.
 * @param body the WeChat API's response body (JSON text or binary)
 * @param contentType e.g. 'application/json' or 'image/png'
 * @param errorCode platform error (0 = none; -604101 = no permission)
 */
export function encodeOpenApiResponse(body: Buffer, contentType: string, errorCode = 0): Buffer {
  const msg = CommOpenApiResp.create({ respData: body, contentType, errorCode, httpCode: 200, headers: [], svrkitErrorCode: 0 })
  return Buffer.from(CommOpenApiResp.encode(msg).finish())
}
