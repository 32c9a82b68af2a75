#include <sqlite3.h>

// sqlite3_db_config takes C varargs, which Swift cannot call: one fixed-arity wrapper for
// the on/off options (SQLITE_DBCONFIG_DEFENSIVE, SQLITE_DBCONFIG_TRUSTED_SCHEMA, …).
static inline int ledger_sqlite3_db_config_flag(sqlite3 *db, int option, int on) {
    int now = -1;
    int rc = sqlite3_db_config(db, option, on, &now);
    return (rc == SQLITE_OK && now == on) ? SQLITE_OK : (rc == SQLITE_OK ? SQLITE_ERROR : rc);
}
