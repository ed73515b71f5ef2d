using System.Diagnostics;

namespace Hilmo.Testing;

/// <summary>
/// A small disk of the test's own: a tmpfs of a few megabytes mounted on a temporary folder, that
/// <see cref="Fill"/> fills to the last byte with a ballast file and <see cref="Free"/> empties
/// again. Mounting needs root (the tests run as root in CI); elsewhere the test is skipped with
/// that reason, and a mount that fails as root fails the test: a fault test never passes without its fault.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    private string Ballast => System.IO.Path.Combine(Path, "ballast");

    public static SmallDisk Mount(int megabytes)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Skip("Mounting a small tmpfs to fill needs root on Linux (mount -t tmpfs); this machine's test user is not root.");
        }

        var path = Directory.CreateTempSubdirectory("hilmo-small-disk-").FullName;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"Could not mount a tmpfs for the full-disk test (mount exited {code}): {error}");
        }

        return new SmallDisk(path);
    }

    /// <summary>Writes ballast until the disk is full, then gives back <paramref name="slackBytes"/>, and checks that the disk takes no more than that.</summary>
    public void Fill(int slackBytes = 0)
    {
        var block = new byte[64 * 1024];
        try
        {
            using var file = new FileStream(Ballast, FileMode.Append, FileAccess.Write);
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException exception) when (exception.HResult == 28)
        {
            // Full.
        }

        if (slackBytes > 0)
        {
            using var file = new FileStream(Ballast, FileMode.Open, FileAccess.Write);
            file.SetLength(Math.Max(0, file.Length - slackBytes));
        }

        using var probe = new FileStream(System.IO.Path.Combine(Path, "probe"), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        Assert.Throws<IOException>(() =>
        {
            probe.Write(new byte[slackBytes + (256 * 1024)]);
            probe.Flush();
        });
    }

    /// <summary>Removes the ballast: the disk has room again.</summary>
    public void Free() => File.Delete(Ballast);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Error) Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
