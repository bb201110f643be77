import CProtobufC
import TriageProtos
import Foundation

/// Owns every C allocation made while building one message tree for packing, and frees each
/// exactly once when the pack is done. Not thread-safe: one arena per pack, on one task.
package final class ProtoArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    package init() {}

    package func freeAll() {
        for pointer in allocations { free(pointer) }
        allocations.removeAll()
    }

    deinit { freeAll() }

    package func allocate<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        let raw = calloc(1, MemoryLayout<T>.stride)!
        allocations.append(raw)
        return raw.bindMemory(to: T.self, capacity: 1)
    }

    /// A NUL-terminated copy. protobuf-c measures strings with strlen, so a string with an embedded
    /// NUL would be cut there; callers at the edges reject U+0000 (see the gateway's validation).
    package func string(_ value: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(value)!
        allocations.append(UnsafeMutableRawPointer(copy))
        return copy
    }

    package func bytes(_ value: [UInt8]) -> ProtobufCBinaryData {
        guard !value.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let copy = malloc(value.count)!
        allocations.append(copy)
        value.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: value.count) }
        return ProtobufCBinaryData(len: value.count, data: copy.assumingMemoryBound(to: UInt8.self))
    }

    /// A C array of pointers (repeated messages, repeated strings).
    package func pointers<T>(_ values: [UnsafeMutablePointer<T>]) -> UnsafeMutablePointer<UnsafeMutablePointer<T>?>? {
        guard !values.isEmpty else { return nil }
        let array = UnsafeMutablePointer<UnsafeMutablePointer<T>?>.allocate(capacity: values.count)
        allocations.append(UnsafeMutableRawPointer(array))
        for (index, value) in values.enumerated() { (array + index).initialize(to: value) }
        return array
    }

    /// A C array of plain values (repeated scalars, enums, bytes).
    package func values<T>(_ values: [T], as type: T.Type) -> UnsafeMutablePointer<T>? {
        guard !values.isEmpty else { return nil }
        let array = UnsafeMutablePointer<T>.allocate(capacity: values.count)
        allocations.append(UnsafeMutableRawPointer(array))
        array.initialize(from: values, count: values.count)
        return array
    }
}

/// Reading fields out of unpacked C messages.
package enum ProtoRuntime {
    package static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    package static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        string(UnsafePointer(pointer))
    }

    package static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    package static func values<T>(_ pointer: UnsafeMutablePointer<T>?, count: Int) -> [T] {
        guard count > 0, let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    package static func strings(_ pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) -> [String] {
        guard count > 0, let pointer else { return [] }
        return (0..<count).map { string(pointer[$0]) }
    }

    package static func messages<M: ProtoCBridged>(
        _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>?, count: Int
    ) -> [M] {
        guard count > 0, let pointer else { return [] }
        return (0..<count).compactMap { pointer[$0].map { M(c: $0) } }
    }
}
