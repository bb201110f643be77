/// The frame format: a 4-byte big-endian length N, then N bytes of one packed `triage.rpc.Frame`.
///
/// Decoding is a pure function over a buffer: it returns a frame or nil ("need more bytes"),
/// never blocks, and rejects a length before it waits for (or allocates) that many bytes.
package struct FrameCodec: Sendable {
    package static let defaultMaxFrameSize = 4 * 1024 * 1024
    package static let lengthPrefixSize = 4

    package let maxFrameSize: Int

    package init(maxFrameSize: Int = FrameCodec.defaultMaxFrameSize) {
        precondition(maxFrameSize > 0 && maxFrameSize <= Int(UInt32.max))
        self.maxFrameSize = maxFrameSize
    }

    /// The next complete frame in `buffer` (consuming it), or nil when more bytes are needed.
    package func decode(_ buffer: inout ByteBuffer) throws(FramingError) -> RPCFrame? {
        let limit = maxFrameSize
        return try buffer.consume { (bytes: UnsafeRawBufferPointer) throws(FramingError) -> (consumed: Int, result: RPCFrame?) in
            guard bytes.count >= Self.lengthPrefixSize else { return (0, nil) }
            let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
            guard length > 0 else { throw FramingError(kind: .emptyFrame) }
            guard length <= limit else { throw FramingError(kind: .frameTooLarge(length: length, limit: limit)) }
            guard bytes.count >= Self.lengthPrefixSize + length else { return (0, nil) }
            let body = UnsafeRawBufferPointer(rebasing: bytes[Self.lengthPrefixSize..<(Self.lengthPrefixSize + length)])
            let frame: RPCFrame
            do {
                frame = try RPCFrame(serializedBytes: body)
            } catch {
                throw FramingError(kind: .malformedEnvelope(length: length))
            }
            guard frame.callID != 0 else { throw FramingError(kind: .invalidCallID) }
            guard frame.kind != nil else { throw FramingError(kind: .missingKind) }
            return (Self.lengthPrefixSize + length, frame)
        }
    }

    /// The frame with its length prefix, or nil when it would exceed the limit.
    package func encode(_ frame: RPCFrame) -> [UInt8]? {
        let bytes = frame.serializedBytes(prefixLength: Self.lengthPrefixSize)
        let length = bytes.count - Self.lengthPrefixSize
        guard length > 0, length <= maxFrameSize else { return nil }
        return bytes
    }
}

extension ProtoCBridged {
    /// Packs the message after `prefixLength` bytes reserved for a length prefix, which is then
    /// written big-endian (for up to 4 bytes): one allocation, no copy.
    package func serializedBytes(prefixLength: Int) -> [UInt8] {
        let arena = ProtoArena()
        defer { arena.freeAll() }
        let message = makeC(in: arena)
        let size = Self.cPackedSize(message)
        return [UInt8](unsafeUninitializedCapacity: prefixLength + size) { buffer, initialized in
            var remaining = size
            for index in stride(from: prefixLength - 1, through: 0, by: -1) {
                buffer[index] = UInt8(truncatingIfNeeded: remaining)
                remaining >>= 8
            }
            let packed = size > 0 ? Self.cPack(message, buffer.baseAddress! + prefixLength) : 0
            precondition(packed == size, "protobuf-c packed \(packed) bytes, expected \(size)")
            initialized = prefixLength + size
        }
    }
}
