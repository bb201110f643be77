import Testing
@testable import TriageRPC

@Suite("Frame codec (pure, no sockets)")
struct FrameCodecTests {
    let codec = FrameCodec(maxFrameSize: 1024)

    func request(_ id: UInt64, _ method: String = "/triage.Echo/Echo", payload: [UInt8] = [1, 2, 3]) -> RPCFrame {
        RPCFrame(callID: id, kind: .request(RPCRequest(method: method, timeoutMicros: 5_000_000,
                                                       metadata: [RPCEntry(key: "x-request-id", value: "r1")], payload: payload)))
    }

    @Test func roundTripsOneFrame() throws {
        let frame = request(7)
        var buffer = ByteBuffer(try #require(codec.encode(frame)))
        #expect(try codec.decode(&buffer) == frame)
        #expect(buffer.readableCount == 0)
        #expect(try codec.decode(&buffer) == nil)
    }

    @Test func lengthPrefixIsBigEndianAndCountsTheEnvelopeOnly() throws {
        let frame = request(1)
        let bytes = try #require(codec.encode(frame))
        let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        #expect(length == bytes.count - 4)
        #expect(Array(bytes[4...]) == frame.serializedBytes())
    }

    @Test func decodesTwoFramesFromOneRead() throws {
        let first = request(1), second = RPCFrame(callID: 2, kind: .cancel(RPCCancel()))
        var buffer = ByteBuffer(try #require(codec.encode(first)) + #require(codec.encode(second)))
        #expect(try codec.decode(&buffer) == first)
        #expect(try codec.decode(&buffer) == second)
        #expect(try codec.decode(&buffer) == nil)
    }

    @Test func waitsForPartialFramesFedByteByByte() throws {
        let frames = [request(1), request(2, payload: Array(repeating: 9, count: 300)), request(3)]
        let stream = try frames.flatMap { try #require(codec.encode($0)) }
        var buffer = ByteBuffer()
        var decoded: [RPCFrame] = []
        for byte in stream {
            buffer.append([byte])
            while let frame = try codec.decode(&buffer) { decoded.append(frame) }
        }
        #expect(decoded == frames)
        #expect(buffer.readableCount == 0)
    }

    @Test func needsMoreWhenOnlyPartOfTheLengthArrived() throws {
        var buffer = ByteBuffer([0, 0])
        #expect(try codec.decode(&buffer) == nil)
        #expect(buffer.readableCount == 2)
    }

    @Test func rejectsAnOversizeLengthBeforeItsBodyArrives() {
        // Only the 4-byte prefix is present: the decoder must not wait for 1 MiB.
        var buffer = ByteBuffer([0x00, 0x10, 0x00, 0x00])
        #expect(throws: FramingError(kind: .frameTooLarge(length: 1 << 20, limit: 1024))) { try codec.decode(&buffer) }
    }

    @Test func rejectsAZeroLengthFrame() {
        var buffer = ByteBuffer([0, 0, 0, 0, 1, 2])
        #expect(throws: FramingError(kind: .emptyFrame)) { try codec.decode(&buffer) }
    }

    @Test func rejectsGarbageThatIsNotAnEnvelope() {
        // A length of 5 followed by bytes protobuf-c cannot parse (field 1 with wire type 7).
        var buffer = ByteBuffer([0, 0, 0, 5, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: FramingError(kind: .malformedEnvelope(length: 5))) { try codec.decode(&buffer) }
    }

    @Test func rejectsCallIDZeroAndFramesWithoutKind() throws {
        var zero = ByteBuffer(try #require(codec.encode(request(0))))
        #expect(throws: FramingError(kind: .invalidCallID)) { try codec.decode(&zero) }
        var empty = ByteBuffer(try #require(codec.encode(RPCFrame(callID: 4, kind: nil)).map { $0 } ?? [0, 0, 0, 2, 0x08, 0x04]))
        #expect(throws: FramingError(kind: .missingKind)) { try codec.decode(&empty) }
    }

    @Test func refusesToEncodeAFrameOverTheLimit() {
        #expect(codec.encode(request(1, payload: Array(repeating: 0, count: 2048))) == nil)
    }
}
