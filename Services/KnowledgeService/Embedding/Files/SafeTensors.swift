import Foundation

#if _endian(big)
#error("safetensors stores little-endian data; this reader maps it without conversion")
#endif

/// A read-only view of a `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw tensor bytes.
///
/// The file stays memory-mapped; `floats(_:shape:)` hands out pointers into the mapping, so the views
/// are valid as long as this value (which holds the mapping) is alive.
struct SafeTensors: Sendable {
    struct Entry: Sendable, Equatable {
        var dtype: String
        var shape: [Int]
        var byteRange: Range<Int>
    }

    let file: MappedFile
    let entries: [String: Entry]
    /// The free-form `__metadata__` strings (the static model records its provenance there).
    let metadata: [String: String]
    /// Where the tensor bytes start in the file.
    let dataOffset: Int

    init(path: String) throws(EmbeddingError) {
        try self.init(file: MappedFile(path: path))
    }

    init(file: MappedFile) throws(EmbeddingError) {
        self.file = file
        let bytes = file.bytes
        func invalid(_ why: String) -> EmbeddingError {
            EmbeddingError(.invalidModel, "\(file.path) is not a valid safetensors file: \(why)")
        }
        guard bytes.count >= 8 else { throw invalid("shorter than its header") }
        let headerLength = Int(UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
        guard headerLength > 0, headerLength <= bytes.count - 8 else { throw invalid("header length out of range") }
        let json = Data(bytes[8..<(8 + headerLength)])
        guard let header = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw invalid("header is not a JSON object")
        }
        dataOffset = 8 + headerLength
        let dataLength = bytes.count - dataOffset
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                for (key, item) in value as? [String: Any] ?? [:] { metadata[key] = item as? String }
                continue
            }
            guard let fields = value as? [String: Any],
                  let dtype = fields["dtype"] as? String,
                  let shape = (fields["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (fields["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength
            else { throw invalid("bad entry for \(name)") }
            entries[name] = Entry(dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
        }
        self.entries = entries
        self.metadata = metadata
    }

    /// The float32 tensor `name`, checked to have exactly `shape`.
    func floats(_ name: String, shape: [Int]) throws(EmbeddingError) -> UnsafeBufferPointer<Float> {
        guard let entry = entries[name] else {
            throw EmbeddingError(.invalidModel, "\(file.path) has no tensor \(name)")
        }
        guard entry.dtype == "F32", entry.shape == shape,
              entry.byteRange.count == shape.reduce(1, *) * MemoryLayout<Float>.size
        else {
            throw EmbeddingError(
                .invalidModel,
                "\(file.path): tensor \(name) is \(entry.dtype) \(entry.shape), expected F32 \(shape)"
            )
        }
        let start = file.bytes.baseAddress! + dataOffset + entry.byteRange.lowerBound
        guard Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 else {
            throw EmbeddingError(.invalidModel, "\(file.path): tensor \(name) is not 4-byte aligned")
        }
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: Float.self), count: shape.reduce(1, *))
    }

    /// The raw bytes after the header (what the static model's checksum covers).
    var dataBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[dataOffset...])
    }
}
