// session-service: owns Redis, where the active ticket sessions live.
// Wiring only: configuration, the Redis client, the RPC server with the Session and
// Health services.

import TriageCore
import TriageRPC

await ServiceMain.run(serviceName: "session-service") { environment, logger, rpc in
    let redis = try RedisSettings(environment: environment)
    let settings = try SessionStoreSettings(environment: environment, maxFrameSize: rpc.maxFrameSize)
    let client = RedisClient(settings: redis, scripts: SessionScripts.all, logger: logger)
    let sessions = SessionHandler(store: SessionStore(redis: client, settings: settings))
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance, checks: [
        HealthCheck(name: "redis") { await client.ping() },
    ])
    logger.info("sessions in redis", [
        "redis": .string(redis.address), "db": LogValue(redis.database), "key_prefix": .string(settings.keyPrefix),
        "ttl_seconds": LogValue(settings.defaultTTLSeconds), "pool_size": LogValue(redis.poolSize),
    ])
    return [client, RPCServer(configuration: rpc, services: [sessions, health], logger: logger)]
}
