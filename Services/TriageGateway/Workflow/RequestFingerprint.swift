import TriageContracts

/// A stable digest of a submission, so that a client retry is recognised as the same request.
///
/// A new ticket's id is derived from it: a retry of a request whose answer was lost lands on the
/// same ticket instead of opening a second one, even after the first was completed. The UTC day is
/// part of the digest, so the same words from the same customer on another day are a new ticket;
/// on the same day they are taken as a duplicate (which is what a repeated submission is).
struct RequestFingerprint: Sendable, Hashable, CustomStringConvertible {
    let value: UInt64

    init(customerID: String, ticketID: String?, messages: [SessionMessage], dayNumber: Int64) {
        var hash = FNV1a()
        hash.add(customerID)
        hash.add(ticketID ?? "")
        hash.add(String(dayNumber))
        for message in messages {
            hash.add(String(message.role.rawValue))
            hash.add(message.content)
            hash.add(String(message.sentAtMicros))
        }
        value = hash.value
    }

    var description: String { String(value, radix: 16) }

    /// The request key of one workflow step (session-service replays a write with the same key).
    func requestKey(_ step: String) -> String { "\(description):\(step)" }

    /// `TKT-` and 8 characters of Crockford base32 (no I, L, O, U), from 40 bits of the digest.
    var ticketID: String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var bits = value >> 24
        var characters: [Character] = []
        for _ in 0..<8 {
            characters.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return "TKT-" + String(characters.reversed())
    }

    static func dayNumber(micros: Int64) -> Int64 { micros / 86_400_000_000 }
}

/// 64-bit FNV-1a, with a separator between fields so that ("ab","c") and ("a","bc") differ.
private struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0xFF)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }
}
