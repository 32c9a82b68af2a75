#include <libpq-fe.h>

// libpq's field codes for PQresultErrorField are character macros Swift imports as Int32
// only sometimes: the two ledger reads, as constants.
static const int ledger_pg_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int ledger_pg_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;

// PQnoticeProcessor that drops the notice: a server's NOTICE and WARNING never reach the
// user's terminal (ledger says what happened in its own words).
static inline void ledger_pg_ignore_notice(void *arg, const char *message) {
    (void)arg;
    (void)message;
}
