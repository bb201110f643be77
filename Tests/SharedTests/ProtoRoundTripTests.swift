import Testing
import TriageContracts
@testable import TriageRPC

@Suite("Protobuf through protobuf-c")
struct ProtoRoundTripTests {
    @Test func everyFieldKindSurvivesARoundTrip() throws {
        let response = HealthCheckResponse(
            status: .notServing,
            dependencies: [
                DependencyHealth(name: "postgresql", status: .serving, message: "", latencyMicros: 812),
                DependencyHealth(name: "redis ✓ — ünïcödé 日本語 🚀", status: .notServing, message: "connection refused", latencyMicros: .max),
            ],
            service: "customer-service", instance: "a-1", version: "0.1.0", uptimeSeconds: 42)
        let decoded = try HealthCheckResponse(serializedBytes: response.serializedBytes())
        #expect(decoded == response)
    }

    @Test func bytesOneofsAndNestedMessages() throws {
        let payload = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let frame = RPCFrame(callID: .max, kind: .response(RPCResponse(code: 5, message: "not found",
                                                                        metadata: [RPCEntry(key: "x-instance", value: "b")], payload: payload)))
        #expect(try RPCFrame(serializedBytes: frame.serializedBytes()) == frame)
        let echo = EchoResponse(payload: [0, 255, 0], requestID: "req", remainingDeadlineMicros: 9,
                                instance: "i", relayed: RelayedEcho(requestID: "req", remainingDeadlineMicros: 3, instance: "j"))
        #expect(try EchoResponse(serializedBytes: echo.serializedBytes()) == echo)
    }

    @Test func defaultValuesPackToNothingAndDecodeBack() throws {
        #expect(HealthCheckRequest().serializedBytes().isEmpty)
        #expect(try HealthCheckRequest(serializedBytes: [UInt8]()) == HealthCheckRequest())
        #expect(try EchoResponse(serializedBytes: [UInt8]()).relayed == nil)
    }

    @Test func unknownEnumValuesAreKept() throws {
        // status = 9 (field 1, varint): a value a newer peer might send.
        let decoded = try HealthCheckResponse(serializedBytes: [0x08, 0x09])
        #expect(decoded.status == .unrecognized(9))
        #expect(decoded.status.rawValue == 9)
    }

    @Test func garbageIsADecodingErrorNotACrash() {
        #expect(throws: ProtoDecodingError.self) { try EchoRequest(serializedBytes: [0x0A, 0x7F, 0x01]) }  // length past the end
        #expect(throws: ProtoDecodingError.self) { try HealthCheckResponse(serializedBytes: [0x0F]) }       // wire type 7
    }

    @Test func enumNamesComeFromTheProto() {
        #expect(ServingStatus.notServing.protoName == "SERVING_STATUS_NOT_SERVING")
        #expect(ServingStatus.knownCases.count == 3)
    }
}
