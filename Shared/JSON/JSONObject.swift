/// An ordered JSON object: members stay in the order they were first set, and setting a key again
/// replaces its value in place, so a repeated key in parsed text keeps its last value.
///
/// Small objects (every body the services build) are searched linearly; a large one, which only
/// untrusted input makes, gets a hash index so that parsing stays linear.
package struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    package private(set) var entries: [(key: String, value: JSON)] = []
    // Each key's position in `entries`, kept once there are more than `indexThreshold` entries.
    private var positions: [String: Int]?

    private static let indexThreshold = 16

    package init() {}

    package init(dictionaryLiteral elements: (String, JSON)...) {
        for (key, value) in elements { self[key] = value }
    }

    package var count: Int { entries.count }
    package var isEmpty: Bool { entries.isEmpty }
    package var keys: [String] { entries.map(\.key) }

    /// The value of `key`; setting nil removes the member.
    package subscript(key: String) -> JSON? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    entries[position].value = newValue
                } else {
                    entries.append((key, newValue))
                    if positions != nil {
                        positions?[key] = entries.count - 1
                    } else if entries.count > Self.indexThreshold {
                        rebuildIndex()
                    }
                }
            } else if let position = position(of: key) {
                entries.remove(at: position)
                positions = nil
                if entries.count > Self.indexThreshold { rebuildIndex() }
            }
        }
    }

    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return entries.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() { index[entry.key] = position }
        positions = index
    }
}
