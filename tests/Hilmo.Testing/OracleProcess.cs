using System.Diagnostics;

namespace Hilmo.Testing;

/// <summary>
/// Runs an independent program used as a test oracle (a reader, R): its output when it exits with
/// an accepted code within the time allowed, otherwise a failed test that says what to install.
/// </summary>
public static class OracleProcess
{
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeLimit, string installHint,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, int[]? acceptedExitCodes = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"{program} could not be started ({e.Message}): {installHint}");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(timeLimit);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True((acceptedExitCodes ?? [0]).Contains(process.ExitCode),
                $"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}); {installHint}\n{await errors}\n{await output}");
            return await output;
        }
    }
}
