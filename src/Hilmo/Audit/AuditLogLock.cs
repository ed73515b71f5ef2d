namespace Hilmo.Audit;

/// <summary>
/// The lock that makes appends to one audit log file safe across processes: a file
/// <c>audit.log.lock</c> beside the log, held open with <see cref="FileShare.None"/> while a
/// batch of entries is written.
/// </summary>
/// <remarks>
/// <para>
/// .NET turns <see cref="FileShare.None"/> into an exclusive <c>flock</c> on Unix and a sharing
/// mode on Windows, and both are released by the operating system when a process dies, so a
/// crashed writer never leaves the log locked. The lock is a file of its own, not the log, because
/// .NET also takes a shared <c>flock</c> on every other open: a verifier reading the log for a
/// minute would otherwise keep every writer out.
/// </para>
/// <para>
/// The lock is not taken if the process runs with <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> set;
/// the register must not be run so.
/// </para>
/// </remarks>
internal sealed class AuditLogLock : IDisposable
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(20);

    private readonly FileStream file;

    private AuditLogLock(FileStream file) => this.file = file;

    public static string PathFor(string logPath) => logPath + ".lock";

    /// <summary>Waits until no other writer holds the lock of <paramref name="logPath"/>, then takes it.</summary>
    /// <exception cref="IOException">Another writer held it for longer than <paramref name="timeout"/>.</exception>
    public static AuditLogLock Acquire(string logPath, TimeSpan timeout, TimeProvider timeProvider)
    {
        var path = PathFor(logPath);
        var start = timeProvider.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                return new AuditLogLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException exception) when (exception.GetType() == typeof(IOException))
            {
                // A plain IOException is the sharing violation (its code differs by platform);
                // a missing folder or a full disk come as subclasses and are not waited out.
                if (timeProvider.GetElapsedTime(start) > timeout)
                {
                    throw new IOException($"The audit log {logPath} stayed locked by another process for more than {timeout.TotalSeconds:0} s.", exception);
                }
            }

            // Holders keep the lock for one write and one fsync, a few milliseconds; a short,
            // growing, jittered pause lets waiting processes take turns rather than collide.
            Thread.Sleep(pause + TimeSpan.FromMicroseconds(Random.Shared.Next(500)));
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    public void Dispose() => file.Dispose();
}
