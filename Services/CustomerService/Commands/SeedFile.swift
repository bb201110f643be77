import Foundation
import TriageContracts
import TriageRPC

/// The file `customer-service seed` loads: `{"customers": [{"id": …, "name": …, "email": …,
/// "plan": "free|pro|enterprise", "tenure_months": 12, "region": "EU", "seats": 5,
/// "notes": "…"}, …]}`; region, seats and notes may be left out.
struct SeedFile {
    var customers: [CustomerRecord]

    private struct Document: Decodable {
        var customers: [Entry]
    }

    private struct Entry: Decodable {
        var id: String
        var name: String
        var email: String
        var plan: String
        var tenure_months: Int32
        var region: String?
        var seats: Int32?
        var notes: String?
    }

    /// Reads and checks the whole file before anything is written: every record must pass
    /// UpsertCustomer's rules and ids must be distinct.
    init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw SeedError("cannot read \(path)") }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw SeedError("\(path): \(Self.path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw SeedError("\(path): \(Self.path(context.codingPath)) has the wrong type")
        } catch {
            throw SeedError("\(path): not valid JSON")
        }
        var firstIndex: [String: Int] = [:]
        customers = try document.customers.enumerated().map { index, entry in
            let record = CustomerRecord(
                id: entry.id, name: entry.name, email: entry.email,
                plan: CustomerPlan(storedName: entry.plan) ?? .unspecified,
                tenureMonths: entry.tenure_months, region: entry.region ?? "", seats: entry.seats ?? 0, notes: entry.notes ?? ""
            )
            do throws(RPCError) {
                try record.validate(as: "customers[\(index)]")
            } catch {
                throw SeedError("\(path): \(error.message)")
            }
            if let first = firstIndex.updateValue(index, forKey: entry.id) {
                throw SeedError("\(path): customers[\(index)].id: repeats customers[\(first)].id")
            }
            return record
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
