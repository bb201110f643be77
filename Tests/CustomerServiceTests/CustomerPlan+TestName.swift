import TriageContracts

extension CustomerPlan {
    var storedNameForTest: String {
        switch self {
        case .free: "free"
        case .pro: "pro"
        case .enterprise: "enterprise"
        default: "?"
        }
    }
}
