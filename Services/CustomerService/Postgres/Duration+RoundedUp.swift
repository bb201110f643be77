extension Duration {
    /// Whole milliseconds, rounded up so that a short positive duration never becomes zero.
    var inMillisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }
}
