using System.Net.Sockets;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// Sorts the errors of the database and its connections into the store's failures
/// (<see cref="StoreUnavailableException"/>): a server that is down, shutting down, refusing
/// connections or gone mid-statement (any error of the connection rather than of the server) is
/// unreachable; SQL states 53100 and 53200 are a full disk
/// and exhausted memory. Any other error (a constraint, a bug) is left as it is.
/// </summary>
internal static class PostgresFaults
{
    public static StoreUnavailableException? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException unavailable:
                    return unavailable;
                case PostgresException postgres when Reason(postgres.SqlState) is { } reason:
                    return new StoreUnavailableException(reason, exception);
                case PostgresException:
                    return null;
                case NpgsqlOperationInProgressException:
                    return null;
                case NpgsqlException:
                    // Not the server's error (that is a PostgresException): Npgsql throws these only for the
                    // connection itself (a read or write cut, a timeout, a connector broken before its use),
                    // whatever the inner exception; during a crash stop the inner one varies with the moment.
                    return new StoreUnavailableException(StoreUnavailableReason.Unreachable, exception);
                case SocketException:
                    return new StoreUnavailableException(StoreUnavailableReason.Unreachable, exception);
            }
        }

        return null;
    }

    private static StoreUnavailableReason? Reason(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.DiskFull => StoreUnavailableReason.OutOfSpace,
        PostgresErrorCodes.OutOfMemory => StoreUnavailableReason.OutOfMemory,
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.DatabaseDropped => StoreUnavailableReason.Unreachable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StoreUnavailableReason.Unreachable,
        _ => null,
    };
}
