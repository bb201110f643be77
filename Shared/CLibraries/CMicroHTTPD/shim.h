#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <microhttpd.h>

// MHD_start_daemon and MHD_get_daemon_info are variadic and do not import into Swift;
// these typed wrappers pass exactly the options Triage uses.

typedef void (*triage_mhd_log_callback)(void *context, const char *message);

struct triage_mhd_logger {
    triage_mhd_log_callback callback;
    void *context;
};

static inline void triage_mhd_format_log(void *cls, const char *format, va_list arguments) {
    struct triage_mhd_logger *logger = (struct triage_mhd_logger *)cls;
    char message[512];
    vsnprintf(message, sizeof message, format, arguments);
    logger->callback(logger->context, message);
}

/// Starts a daemon with its own polling threads (epoll), suspend/resume allowed, listening on
/// `address`. `logger` must outlive the daemon.
static inline struct MHD_Daemon *triage_mhd_start(
    const struct sockaddr *address, unsigned int threads, unsigned int timeout_seconds,
    unsigned int connection_limit, size_t memory_limit,
    MHD_AccessHandlerCallback handler, void *handler_context,
    MHD_RequestCompletedCallback completed, void *completed_context,
    struct triage_mhd_logger *logger)
{
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    return MHD_start_daemon(flags, 0, NULL, NULL, handler, handler_context,
        MHD_OPTION_EXTERNAL_LOGGER, triage_mhd_format_log, (void *)logger,
        MHD_OPTION_SOCK_ADDR, address,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory_limit,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
        MHD_OPTION_END);
}

/// The port the daemon listens on (useful when it was started on port 0).
static inline uint16_t triage_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

static inline unsigned int triage_mhd_current_connections(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info ? info->num_connections : 0;
}
