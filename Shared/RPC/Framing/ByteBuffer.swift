/// Bytes received but not yet decoded: appended at the end, consumed from the front.
package struct ByteBuffer: Sendable {
    private var storage: [UInt8] = []
    private var readerIndex = 0

    package init() {}

    package init(_ bytes: [UInt8]) { storage = bytes }

    package var readableCount: Int { storage.count - readerIndex }

    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    package mutating func append(_ bytes: [UInt8]) {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    /// Calls `body` with the unread bytes; it returns how many it consumed.
    package mutating func consume<T>(_ body: (UnsafeRawBufferPointer) throws(FramingError) -> (consumed: Int, result: T)) throws(FramingError) -> T {
        let start = readerIndex
        let outcome = storage.withUnsafeBytes { raw -> Result<(consumed: Int, result: T), FramingError> in
            do throws(FramingError) {
                return .success(try body(UnsafeRawBufferPointer(rebasing: raw[start...])))
            } catch {
                return .failure(error)
            }
        }
        let (consumed, result) = try outcome.get()
        precondition(consumed <= readableCount)
        readerIndex += consumed
        if readerIndex == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 1 << 20)
            readerIndex = 0
        }
        return result
    }

    private mutating func compactIfWorthIt() {
        if readerIndex > 0, readerIndex >= 64 * 1024 || readerIndex * 2 >= storage.count {
            storage.removeFirst(readerIndex)
            readerIndex = 0
        }
    }
}
