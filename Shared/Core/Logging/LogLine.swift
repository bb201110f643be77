#if canImport(Glibc)
import Glibc
#endif

/// Builds one JSON log line by hand: no Foundation encoder on the hot path.
struct LogLine {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func begin(level: LogLevel, service: String, message: String) {
        bytes.append(contentsOf: #"{"ts":""#.utf8)
        appendTimestamp()
        bytes.append(contentsOf: #"","level":""#.utf8)
        bytes.append(contentsOf: level.description.utf8)
        bytes.append(contentsOf: #"","service":"#.utf8)
        appendString(service)
        bytes.append(contentsOf: #","msg":"#.utf8)
        appendString(message)
    }

    mutating func append(key: String, value: LogValue) {
        bytes.append(UInt8(ascii: ","))
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        switch value {
        case .string(let s): appendString(s)
        case .int(let i): bytes.append(contentsOf: String(i).utf8)
        case .double(let d): bytes.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
        case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
        }
    }

    mutating func finish() -> [UInt8] {
        bytes.append(contentsOf: "}\n".utf8)
        return bytes
    }

    private mutating func appendString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendTimestamp() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        let text = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
        bytes.append(contentsOf: text.utf8)
    }
}
