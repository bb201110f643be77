/// The release of Triage this build belongs to; reported by health checks and decisions.
public enum TriageVersion {
    public static let current = "0.1.0"
}
