import TriageContracts
import TriageRPC

extension CustomerRecord {
    /// The rules of UpsertCustomer and of the seed file; `prefix` names the record in messages
    /// (`customer`, `customers[12]`).
    func validate(as prefix: String) throws(RPCError) {
        try FieldValidation.identifier(id, field: "\(prefix).id")
        try FieldValidation.text(name, field: "\(prefix).name", required: true, maxLength: 255)
        try FieldValidation.email(email, field: "\(prefix).email")
        if plan.storedName == nil {
            throw .invalidArgument("\(prefix).plan: must be free, pro or enterprise")
        }
        if tenureMonths < 0 {
            throw .invalidArgument("\(prefix).tenure_months: must not be negative")
        }
        try FieldValidation.text(region, field: "\(prefix).region", maxLength: 50)
        if seats < 0 {
            throw .invalidArgument("\(prefix).seats: must not be negative")
        }
        try FieldValidation.text(notes, field: "\(prefix).notes")
    }
}
