#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An unused TCP port on 127.0.0.1 for a server a test starts, chosen below the kernel's ephemeral
/// range: a port from that range (what binding port 0 returns) can be taken as the local port of
/// any outgoing connection in the seconds before the server binds it (PostgreSQL's initdb takes
/// that long), and the server then fails with "Address already in use".
public func freeTCPPort() throws -> Int {
    let ephemeralStart = ephemeralPortRange().lowerBound
    let candidates = 10_000..<max(ephemeralStart, 10_001)
    for _ in 0..<200 {
        let port = Int.random(in: candidates)
        if canBind(port) { return port }
    }
    throw TimeoutError("no free TCP port below \(ephemeralStart) after 200 tries")
}

/// The kernel's range for outgoing connections' local ports (`ip_local_port_range`).
private func ephemeralPortRange() -> ClosedRange<Int> {
    let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
    let bounds = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int($0) }
    guard bounds.count == 2, bounds[0] <= bounds[1] else { return 32768...60999 }
    return bounds[0]...bounds[1]
}

private func canBind(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}
