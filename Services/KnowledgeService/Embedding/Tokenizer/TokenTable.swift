/// A hash table from UTF-8 byte strings to token ids, looked up without building a `String`.
///
/// WordPiece tries many substrings of every word; creating and hashing a `String` for each try was
/// most of the tokenizer's time. Keys live in one byte array; the slots hold entry indices
/// (open addressing, linear probing, FNV-1a hash).
struct TokenTable: Sendable {
    private let storage: [UInt8]
    private let starts: [Int32]
    private let lengths: [Int32]
    private let ids: [Int32]
    private let slots: [Int32]
    private let mask: Int

    /// The first entry wins when a key repeats (as with a vocabulary's first occurrence).
    init(_ entries: [(key: [UInt8], id: Int32)]) {
        var storage: [UInt8] = [], starts: [Int32] = [], lengths: [Int32] = [], ids: [Int32] = []
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for entry in entries {
            var slot = entry.key.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & mask
            var duplicate = false
            while slots[slot] >= 0 {
                let index = Int(slots[slot])
                let start = Int(starts[index]), length = Int(lengths[index])
                if length == entry.key.count, storage[start..<(start + length)].elementsEqual(entry.key) {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & mask
            }
            if duplicate { continue }
            slots[slot] = Int32(ids.count)
            starts.append(Int32(storage.count))
            lengths.append(Int32(entry.key.count))
            ids.append(entry.id)
            storage.append(contentsOf: entry.key)
        }
        self.storage = storage
        self.starts = starts
        self.lengths = lengths
        self.ids = ids
        self.slots = slots
        self.mask = mask
    }

    func id(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return storage.withUnsafeBufferPointer { storage in
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                let length = Int(lengths[index])
                if length == key.count {
                    let start = Int(starts[index])
                    if memcmp(storage.baseAddress! + start, key.baseAddress!, length) == 0 { return ids[index] }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

@inline(__always)
private func memcmp(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    for i in 0..<count where a[i] != b[i] { return 1 }
    return 0
}
