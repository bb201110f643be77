import CMicroHTTPD
import Foundation

/// libmicrohttpd's C callbacks. They receive the server and the exchange through MHD's `void *`
/// context arguments; the exchange is retained while MHD holds it and released when MHD reports
/// the request completed.
extension HTTPServer {
    static let accessHandler: MHD_AccessHandlerCallback = { context, connection, url, method, _, uploadData, uploadSize, requestContext in
        let server = Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue()
        return server.access(connection: connection!, url: url, method: method, uploadData: uploadData,
                             uploadSize: uploadSize!, requestContext: requestContext!)
    }

    static let completedHandler: MHD_RequestCompletedCallback = { context, _, requestContext, _ in
        guard let requestContext, let pointer = requestContext.pointee else { return }
        let exchange = Unmanaged<HTTPExchange>.fromOpaque(pointer).takeRetainedValue()
        requestContext.pointee = nil
        if exchange.wasQueued { Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue().completed() }
    }

    fileprivate func access(
        connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
        uploadData: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
        requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let pointer = requestContext.pointee else {
            // First call: the headers are in, the body is not.
            let exchange = HTTPExchange(
                connection: connection, method: method.map { String(cString: $0) } ?? "GET",
                url: url.map { String(cString: $0) } ?? "/",
                headers: Self.values(connection, kind: .HEADER_KIND, lowercased: true),
                query: Self.values(connection, kind: .GET_ARGUMENT_KIND, lowercased: false))
            requestContext.pointee = Unmanaged.passRetained(exchange).toOpaque()
            if let length = exchange.headers["content-length"].flatMap(Int.init), length > configuration.maxBodyBytes {
                // Refuse before reading the body; MHD closes the connection afterwards.
                return Self.send(.error(413, code: "payload_too_large", message: "the body exceeds \(configuration.maxBodyBytes) bytes"), on: connection)
            }
            return MHD_Result.YES
        }
        let exchange = Unmanaged<HTTPExchange>.fromOpaque(pointer).takeUnretainedValue()
        if uploadSize.pointee > 0 {
            exchange.appendBody(UnsafeRawBufferPointer(start: uploadData, count: uploadSize.pointee), limit: configuration.maxBodyBytes)
            uploadSize.pointee = 0
            return MHD_Result.YES
        }
        if exchange.beginHandling() {
            if enqueue(exchange) { return MHD_Result.YES }
            return Self.send(.error(503, code: "shutting_down", message: "the gateway is shutting down"), on: connection)
        }
        if let response = exchange.takeAnswer() { return Self.send(response, on: connection) }
        return MHD_Result.YES
    }

    private static func send(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        var body = response.body
        if body.isEmpty { body = [0] }  // MHD needs a valid buffer even for an empty body
        let length = response.body.count
        guard let mhdResponse = body.withUnsafeMutableBytes({
            MHD_create_response_from_buffer(length, $0.baseAddress, MHD_ResponseMemoryMode(rawValue: 2)!)
        }) else { return MHD_Result.NO }
        for header in response.headers { MHD_add_response_header(mhdResponse, header.name, header.value) }
        let result = MHD_queue_response(connection, UInt32(response.status), mhdResponse)
        MHD_destroy_response(mhdResponse)
        return result
    }

    /// Headers or query arguments of the request.
    private static func values(_ connection: OpaquePointer, kind: MHD_ValueKind, lowercased: Bool) -> [String: String] {
        final class Collector { var values: [String: String] = [:]; var lowercased = false }
        let collector = Collector()
        collector.lowercased = lowercased
        let context = Unmanaged.passUnretained(collector).toOpaque()
        _ = MHD_get_connection_values(connection, kind, { context, _, key, value in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            if let key {
                let name = String(cString: key)
                collector.values[collector.lowercased ? name.lowercased() : name] = value.map { String(cString: $0) } ?? ""
            }
            return MHD_Result.YES
        }, context)
        return collector.values
    }
}
