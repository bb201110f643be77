import Foundation
import TestSupport
import TriageContracts
import TriageRPC

/// The error `body` throws as an RPCError (nil if it succeeds; UNKNOWN for other errors).
func rpcError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}

/// A distinct id for this run, so that tests sharing a database never meet.
func uniqueID(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }

func sampleCustomer(_ id: String = uniqueID("customer"), plan: CustomerPlan = .pro) -> CustomerRecord {
    CustomerRecord(id: id, name: "Ada Lovelace", email: "ada@analytical.example", plan: plan, tenureMonths: 14,
                   region: "EU", seats: 5, notes: "Prefers email.")
}

func message(_ role: TicketMessageRole, _ content: String, at micros: Int64 = 0) -> TicketMessage {
    TicketMessage(role: role, content: content, createdAtMicros: micros)
}

/// 2024-11-15 14:00:00 UTC in microseconds.
let novemberFifteenth: Int64 = 1_731_679_200_000_000
