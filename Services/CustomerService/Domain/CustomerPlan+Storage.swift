import TriageContracts

extension CustomerPlan {
    /// The value in `customers.plan`; nil for a plan the seed's CHECK does not allow.
    var storedName: String? {
        switch self {
        case .free: "free"
        case .pro: "pro"
        case .enterprise: "enterprise"
        case .unspecified, .unrecognized: nil
        }
    }

    init?(storedName: String) {
        switch storedName {
        case "free": self = .free
        case "pro": self = .pro
        case "enterprise": self = .enterprise
        default: return nil
        }
    }
}
