// GNU Nettle's SHA-256 (nettle-dev): the hash of the ledger's log chain.
#include <nettle/sha2.h>
