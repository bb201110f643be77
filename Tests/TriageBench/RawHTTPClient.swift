#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A minimal blocking HTTP/1.1 client over one keep-alive TCP connection, for load generation on
/// dedicated threads (never on the cooperative pool): no parsing beyond status and Content-Length.
final class RawHTTPClient {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// The `Server-Timing` header of the last response, if it had one.
    private(set) var lastServerTiming: String?

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchError("cannot connect to 127.0.0.1:\(port)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Sends one POST and returns the status code and body.
    func post(_ path: String, json: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(json.count)\r\n\r\n"
        try write(Array(head.utf8) + json)
        return try readResponse()
    }

    func get(_ path: String) throws -> (status: Int, body: [UInt8]) {
        try write(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        return try readResponse()
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw BenchError("send failed: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    private func readResponse() throws -> (status: Int, body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = buffer.firstRange(of: separator)?.upperBound
            if headerEnd == nil { try fill() }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        var length = 0
        lastServerTiming = nil
        for line in head.split(separator: "\r\n") {
            let lowercased = line.lowercased()
            if lowercased.hasPrefix("content-length:") {
                length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
            } else if lowercased.hasPrefix("server-timing:") {
                lastServerTiming = String(line.dropFirst("server-timing:".count)).trimmingCharacters(in: .whitespaces)
            }
        }
        while buffer.count < headerEnd! + length { try fill() }
        let body = Array(buffer[headerEnd!..<(headerEnd! + length)])
        buffer.removeFirst(headerEnd! + length)
        return (status, body)
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw BenchError("connection closed by the gateway") }
        buffer.append(contentsOf: chunk[..<n])
    }
}
