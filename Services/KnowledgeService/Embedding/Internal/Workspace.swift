/// Scratch memory owned by one worker thread and reused by every job that thread runs, so that a
/// forward pass allocates nothing once the buffers have grown to the largest batch seen.
///
/// Deliberately not `Sendable`: it never leaves the thread that created it.
final class Workspace {
    private var buffers: [UnsafeMutableBufferPointer<Float>] = []

    /// Buffer number `slot`, holding at least `count` floats (contents unspecified).
    func floats(_ slot: Int, count: Int) -> UnsafeMutablePointer<Float> {
        while buffers.count <= slot { buffers.append(UnsafeMutableBufferPointer(start: nil, count: 0)) }
        if buffers[slot].count < count {
            buffers[slot].deallocate()
            // Grow geometrically so that slowly increasing sizes do not reallocate every time.
            let size = max(count, buffers[slot].count * 3 / 2)
            buffers[slot] = UnsafeMutableBufferPointer.allocate(capacity: size)
        }
        return buffers[slot].baseAddress!
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}
