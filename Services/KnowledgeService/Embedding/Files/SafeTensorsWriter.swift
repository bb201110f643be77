import Foundation

/// Writes float32 tensors as a `.safetensors` file that `SafeTensors` (and the Python library) can read.
///
/// Only the static model is written this way; the header's keys are sorted so that the same tensors
/// and metadata always give the same bytes.
struct SafeTensorsWriter {
    private var tensors: [(name: String, shape: [Int], values: [Float])] = []
    var metadata: [String: String] = [:]

    mutating func add(_ name: String, shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not match \(values.count) values")
        tensors.append((name, shape, values))
    }

    /// The tensor bytes in file order, so that a checksum of them can go into the metadata first.
    func dataBytes() -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(tensors.reduce(0) { $0 + $1.values.count * 4 })
        for tensor in tensors {
            tensor.values.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Writes the file atomically (to a temporary name in the same folder, then renamed).
    func write(to path: String) throws(EmbeddingError) {
        var header: [String: Any] = [:]
        var offset = 0
        for tensor in tensors {
            let size = tensor.values.count * 4
            header[tensor.name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + size]]
            offset += size
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        do {
            var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
            // Pad so that the tensor data starts 8-byte aligned (the reader maps floats in place).
            while (8 + json.count) % 8 != 0 { json.append(0x20) }
            var file = Data()
            var length = UInt64(json.count).littleEndian
            withUnsafeBytes(of: &length) { file.append(contentsOf: $0) }
            file.append(json)
            file.append(contentsOf: dataBytes())
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.write(to: url, options: [.atomic])
        } catch {
            throw EmbeddingError(.ioFailure, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
