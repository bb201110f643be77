/// A protobuf message as a Swift value. Encoding and decoding always go through protobuf-c's
/// generated pack/unpack code; the Swift side only converts fields to and from the C structs.
public protocol ProtoMessage: Sendable, Equatable {
    init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError)
    func serializedBytes() -> [UInt8]
}

extension ProtoMessage {
    public init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        // A typed-throws closure cannot rethrow through withUnsafeBytes, so the result is carried out.
        let result = bytes.withUnsafeBytes { raw -> Result<Self, ProtoDecodingError> in
            do throws(ProtoDecodingError) { return .success(try Self(serializedBytes: raw)) } catch { return .failure(error) }
        }
        self = try result.get()
    }
}

/// Bytes that protobuf-c could not unpack as the expected message.
public struct ProtoDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var messageType: String
    public var byteCount: Int

    public var description: String { "cannot decode \(byteCount) bytes as \(messageType)" }
}

/// The bridge between a generated Swift message and its protoc-c struct.
package protocol ProtoCBridged: ProtoMessage {
    associatedtype CMessage
    init(c: UnsafePointer<CMessage>)
    func makeC(in arena: ProtoArena) -> UnsafeMutablePointer<CMessage>
    static func cUnpack(_ count: Int, _ data: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>?
    static func cFree(_ message: UnsafeMutablePointer<CMessage>)
    static func cPackedSize(_ message: UnsafePointer<CMessage>) -> Int
    static func cPack(_ message: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int
}

extension ProtoCBridged {
    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) {
        // protobuf-c reads `count` bytes from `data`; an empty message still needs a valid pointer.
        var empty: UInt8 = 0
        let unpacked: UnsafeMutablePointer<CMessage>? = withUnsafeMutablePointer(to: &empty) { placeholder in
            let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(placeholder)
            return Self.cUnpack(bytes.count, data)
        }
        guard let unpacked else {
            throw ProtoDecodingError(messageType: String(describing: Self.self), byteCount: bytes.count)
        }
        defer { Self.cFree(unpacked) }
        self.init(c: unpacked)
    }

    public func serializedBytes() -> [UInt8] {
        let arena = ProtoArena()
        defer { arena.freeAll() }
        let message = makeC(in: arena)
        let size = Self.cPackedSize(message)
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = Self.cPack(message, buffer.baseAddress!)
            precondition(initialized == size, "protobuf-c packed \(initialized) bytes, expected \(size)")
        }
    }
}
