import Foundation
import TestSupport

/// The structure of a database's `public` schema as the catalogs describe it: columns (type,
/// length, nullability, default), constraints (kind and definition) and indexes.
struct SchemaSnapshot: Equatable, CustomStringConvertible {
    struct Column: Equatable {
        var type: String
        var length: String
        var nullable: Bool
        var defaultValue: String
    }

    struct Constraint: Equatable {
        var kind: String      // p, c, f, u
        var definition: String
    }

    var columns: [String: [(name: String, column: Column)]] = [:]
    var constraints: [String: [String: Constraint]] = [:]
    /// table → index name → indexed columns, e.g. "ticket_id, created_at".
    var indexes: [String: [String: String]] = [:]

    static func read(_ database: PostgresClient) async throws -> SchemaSnapshot {
        var snapshot = SchemaSnapshot()
        for row in try await database.query("""
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable,
                   coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """) {
            snapshot.columns[row[0], default: []].append((row[1], Column(type: row[2], length: row[3], nullable: row[4] == "YES", defaultValue: row[5])))
        }
        for row in try await database.query("""
            SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public' AND c.conrelid <> 0
            """) {
            snapshot.constraints[row[0], default: [:]][row[1]] = Constraint(kind: row[2], definition: row[3])
        }
        for row in try await database.query("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'") {
            let definition = row[2]
            let columns = definition.range(of: "(", options: .backwards).map { String(definition[$0.upperBound...].dropLast()) } ?? definition
            snapshot.indexes[row[0], default: [:]][row[1]] = columns
        }
        return snapshot
    }

    /// Only the given tables.
    func restricted(to tables: Set<String>) -> SchemaSnapshot {
        SchemaSnapshot(columns: columns.filter { tables.contains($0.key) },
                       constraints: constraints.filter { tables.contains($0.key) },
                       indexes: indexes.filter { tables.contains($0.key) })
    }

    static func == (lhs: SchemaSnapshot, rhs: SchemaSnapshot) -> Bool {
        lhs.columns.mapValues { $0.map { "\($0.name) \($0.column)" } } == rhs.columns.mapValues { $0.map { "\($0.name) \($0.column)" } }
            && lhs.constraints == rhs.constraints && lhs.indexes == rhs.indexes
    }

    var description: String {
        columns.keys.sorted().map { table in
            "\(table): \(columns[table]!.map { "\($0.name) \($0.column.type)(\($0.column.length)) null=\($0.column.nullable) default=\($0.column.defaultValue)" }.joined(separator: "; ")) "
                + "constraints=\(constraints[table] ?? [:]) indexes=\(indexes[table] ?? [:])"
        }.joined(separator: "\n")
    }
}
