extension JSON {
    /// Compact UTF-8 JSON: no whitespace, object members in order, strings with only `"`, `\` and
    /// control characters escaped. Integral numbers below 2^53 print without a fraction (`42`, and
    /// microsecond timestamps in full), others in Swift's shortest round-trip form (`0.25`, `1e-05`);
    /// NaN and infinities, which JSON cannot hold, as `null`. `.floats` components print as `Float`s.
    package func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return out
    }

    /// ``serialized()`` as a string (for logs and tests).
    package func serializedString() -> String { String(decoding: serialized(), as: UTF8.self) }

    /// Appends ``serialized()`` to `out`.
    package func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): Self.write(number: value, into: &out)
        case .string(let value): Self.write(string: value, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (position, entry) in object.entries.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                Self.write(string: entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                entry.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .floats(let values):
            out.append(UInt8(ascii: "["))
            for (position, value) in values.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if value.isFinite { out.append(contentsOf: value.description.utf8) } else { out.append(contentsOf: "null".utf8) }
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    private static func write(number: Double, into out: inout [UInt8]) {
        guard number.isFinite else { out.append(contentsOf: "null".utf8); return }
        if number.rounded() == number, abs(number) < exactIntegerLimit {
            out.append(contentsOf: String(Int(number)).utf8)
        } else {
            out.append(contentsOf: number.description.utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func write(string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
