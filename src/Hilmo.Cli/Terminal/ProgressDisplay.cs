using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hilmo.Cli.Terminal;

/// <summary>
/// A progress bar for long work: share done by bytes, and the records per second that matter to
/// a register keeper. Shown only on an interactive terminal; in scripts and CI the work runs quietly.
/// </summary>
internal static class ProgressDisplay
{
    private const string RecordsKey = "records";

    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, showing its progress by <paramref name="bytesDone"/> of <paramref name="totalBytes"/>.</summary>
    public static async Task<T> RunAsync<T>(string description, long totalBytes, Func<long> bytesDone, Func<IProgress<long>, Task<T>> work)
    {
        if (!IsInteractive)
        {
            return await work(new Progress<long>()).ConfigureAwait(false);
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RecordsPerSecondColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, totalBytes));
                var records = new RecordCounter(task);
                var running = work(records);
                while (!running.IsCompleted)
                {
                    task.Value = bytesDone();
                    await Task.WhenAny(running, Task.Delay(200)).ConfigureAwait(false);
                }

                task.Value = task.MaxValue;
                return await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private sealed class RecordCounter(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.State.Update<long>(RecordsKey, _ => value);
    }

    private sealed class RecordsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var records = task.State.Get<long>(RecordsKey);
            var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            var rate = seconds > 0 ? records / seconds : 0;
            return new Text($"{records.ToString("N0", CultureInfo.InvariantCulture)} records, {rate.ToString("N0", CultureInfo.InvariantCulture)}/s");
        }
    }
}
