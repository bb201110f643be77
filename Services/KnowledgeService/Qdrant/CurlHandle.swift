import CCurl
import Foundation
import TriageCore

/// One HTTP request to Qdrant, relative to the base URL.
struct HTTPRequest: Sendable {
    var method: String
    /// Path and query, e.g. `/collections/kb/points/query?consistency=majority`.
    var path: String
    var body: [UInt8]?
    var timeout: Duration
}

struct HTTPResponse: Sendable {
    var status: Int
    var body: [UInt8]
    /// The `Retry-After` header in seconds, when the server sent one.
    var retryAfter: Duration?
}

/// Why a transfer produced no HTTP answer.
struct CurlFailure: Error, Sendable {
    var code: UInt32
    var message: String
    /// The transfer used a kept-alive connection (so a reset may only mean the server closed it idle).
    var reusedConnection: Bool

    var isConnectFailure: Bool {
        [CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY].map(\.rawValue).contains(code)
    }
    var isTimeout: Bool { code == CURLE_OPERATION_TIMEDOUT.rawValue }
    /// The connection broke before an answer came: worth one more try on a fresh connection.
    var isBrokenConnection: Bool {
        [CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE].map(\.rawValue).contains(code)
    }
}

/// One libcurl easy handle: blocking transfers with keep-alive, for one thread at a time.
///
/// ``QdrantHTTP`` hands each handle to one pool thread at a time, which is what makes the
/// `@unchecked Sendable` sound. The handle keeps its connection open between requests.
final class CurlHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let baseURL: String
    private let headers: [String]
    private let connectTimeout: Duration

    /// Bodies larger than this are refused (a runaway answer must not exhaust memory).
    static let maximumResponseBytes = 64 << 20

    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    init(baseURL: String, apiKey: String?, connectTimeout: Duration) {
        precondition(Self.globalInit, "curl_global_init failed")
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed (out of memory)") }
        self.handle = handle
        self.baseURL = baseURL
        self.connectTimeout = connectTimeout
        // "Expect:" stops curl from waiting for 100-continue before large bodies.
        headers = ["Content-Type: application/json", "Accept: application/json", "Expect:"]
            + (apiKey.map { ["api-key: \($0)"] } ?? [])
    }

    deinit { curl_easy_cleanup(handle) }

    func perform(_ request: HTTPRequest) throws(CurlFailure) -> HTTPResponse {
        // Reset keeps the live connection; every option is set again below.
        curl_easy_reset(handle)
        let sink = ResponseSink()
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }

        let code: CURLcode = (baseURL + request.path).withCString { url in
            request.method.withCString { method in
                withExtendedLifetime(sink) {
                    let context = Unmanaged.passUnretained(sink).toOpaque()
                    _ = triage_curl_setopt_string(handle, CURLOPT_URL, url)
                    _ = triage_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                    _ = triage_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
                    _ = triage_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
                    _ = triage_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(max(connectTimeout.inMilliseconds, 1)))
                    _ = triage_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(max(request.timeout.inMilliseconds, 1)))
                    _ = triage_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
                    _ = triage_curl_setopt_write_function(handle, curlWriteBody)
                    _ = triage_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
                    _ = triage_curl_setopt_header_function(handle, curlWriteHeader)
                    _ = triage_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
                    _ = triage_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
                    guard let body = request.body else {
                        if request.method == "GET" { _ = triage_curl_setopt_long(handle, CURLOPT_HTTPGET, 1) }
                        return curl_easy_perform(handle)
                    }
                    return body.withUnsafeBytes { bytes in
                        _ = triage_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
                        _ = triage_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                        return curl_easy_perform(handle)
                    }
                }
            }
        }
        var connects = 0
        _ = triage_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        guard code == CURLE_OK else {
            let reason = sink.overflowed ? "the answer exceeded \(Self.maximumResponseBytes >> 20) MiB" : String(cString: curl_easy_strerror(code))
            throw CurlFailure(code: code.rawValue, message: reason, reusedConnection: connects == 0)
        }
        var status = 0
        _ = triage_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, body: sink.body, retryAfter: sink.retryAfter)
    }
}

/// Where the callbacks put the answer; lives for one transfer.
private final class ResponseSink {
    var body: [UInt8] = []
    var retryAfter: Duration?
    var overflowed = false
}

private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard sink.body.count + length <= CurlHandle.maximumResponseBytes else {
        sink.overflowed = true
        return 0  // aborts the transfer
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
    return length
}

private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let length = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
    if line.lowercased().hasPrefix("retry-after:") {
        let value = line.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        // Seconds; an HTTP-date (rare from Qdrant) counts as one second.
        sink.retryAfter = .seconds(Int(value).map { max($0, 0) } ?? 1)
    }
    return length
}
