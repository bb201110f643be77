/// One decided field: its value, how sure the engine is, and what set it.
public struct Classified<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// 0…1.
    public var confidence: Double
    /// The evidence that set the value, readable (e.g. `"charged twice" → double_charge (+3)`).
    public var signals: [String]
    /// The rule that decided, by name (e.g. `urgency.enterprise_outage`).
    public var rule: String

    public init(value: Value, confidence: Double, signals: [String], rule: String) {
        self.value = value
        self.confidence = max(0, min(1, confidence))
        self.signals = signals
        self.rule = rule
    }
}

/// A confidence and the band a helpdesk uses to decide whether to auto-apply it.
public struct FieldConfidence: Sendable, Hashable {
    public enum Band: String, Sendable, Hashable, Codable { case high, medium, low }
    public var value: Double
    public var band: Band

    public init(value: Double, band: Band) {
        self.value = value
        self.band = band
    }
}

/// The limits between confidence bands: `value >= high` is high, `value >= medium` is medium.
public struct ConfidenceBands: Sendable, Hashable {
    public var high: Double
    public var medium: Double

    public init(high: Double = 0.8, medium: Double = 0.55) {
        self.high = high
        self.medium = medium
    }

    public func band(for value: Double) -> FieldConfidence.Band {
        value >= high ? .high : (value >= medium ? .medium : .low)
    }
}
