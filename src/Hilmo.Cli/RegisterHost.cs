using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Server;
using Hilmo.Storage;
using Hilmo.Subjects;
using Microsoft.AspNetCore.Builder;

namespace Hilmo.Cli;

/// <summary>
/// The embedded register opened from its data folder for the server: store, pseudonymiser, access
/// keys and audit log, each from its own file. One way to assemble it, for <c>hilmo serve</c>, the
/// HTTP benchmark and the server's tests alike.
/// </summary>
internal sealed class RegisterHost : IAsyncDisposable
{
    private readonly ProviderPseudonymiser pseudonymiser;
    private readonly IRegisterStore store;
    private readonly AuditLogFile audit;

    private RegisterHost(DataFolder folder, ProviderPseudonymiser pseudonymiser, IRegisterStore store, AccessKeyFile keys, AuditLogFile audit, RegisterServices services)
    {
        Folder = folder;
        this.pseudonymiser = pseudonymiser;
        this.store = store;
        this.audit = audit;
        Keys = keys;
        Services = services;
    }

    public DataFolder Folder { get; }

    public AccessKeyFile Keys { get; }

    public RegisterServices Services { get; }

    /// <param name="folder">The data folder: keys, access keys, audit log, and the embedded store unless <paramref name="postgres"/> names one.</param>
    /// <param name="codes">The code server.</param>
    /// <param name="allowTemporaryIdentityCodes">Accept temporary identity codes, as a test environment does.</param>
    /// <param name="postgres">A PostgreSQL connection string, or null for <c>HILMO_POSTGRES</c> or the embedded store (<see cref="ConfiguredStore"/>).</param>
    /// <param name="time">The clock; the system's by default.</param>
    public static async Task<RegisterHost> OpenAsync(DataFolder folder, CodeServer codes, bool allowTemporaryIdentityCodes, string? postgres = null, TimeProvider? time = null)
    {
        folder.Restrict();
        time ??= TimeProvider.System;
        var masterKey = RegisterComponents.MasterKey(folder);
        var pseudonymiser = RegisterComponents.Pseudonymiser(masterKey, allowTemporaryIdentityCodes);
        IRegisterStore? store = null;
        try
        {
            store = await ConfiguredStore.OpenAsync(folder, postgres, time).ConfigureAwait(false);
            var audit = RegisterComponents.AuditLog(folder, time);
            var keys = RegisterComponents.AccessKeys(folder, time);
            return new RegisterHost(folder, pseudonymiser, store, keys, audit, new RegisterServices(codes, store, pseudonymiser, keys, audit, time,
                RegisterComponents.Statistics(store, codes, folder, time), new SubjectKeySource(masterKey), new SubjectRequests(store, audit, audit.Path, time)));
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            pseudonymiser.Dispose();
            throw;
        }
    }

    public WebApplication BuildServer(ServerOptions options, string urls, string[]? args = null) => RegisterServer.Build(Services, options, urls, args);

    /// <summary>
    /// A register without a register-keeper key could never be administered: makes one (checked and
    /// made under the key file's lock, so two servers starting at once make one), logs it, and
    /// returns its secret; null when one exists.
    /// </summary>
    public async Task<string?> EnsureRegisterKeyAsync()
    {
        if (Keys.CreateIfNoLiveKey("THL", Role.Register, "register keeper (first start)") is not { } created)
        {
            return null;
        }

        await audit.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", "key.create", $"key/{created.Key.Id}",
            "register administration", "cli", "ok org:THL role:register (first start)")).ConfigureAwait(false);
        return created.Secret;
    }

    /// <summary>
    /// The re-key job after a master-key rotation, run by the server beside its requests: every
    /// stored pseudonym of an older key version is brought to the version this server pseudonymises
    /// with (<see cref="IRegisterStore.RekeyAsync"/>), then the run is audited with its counts. Does
    /// nothing when none is left. Stopped by <paramref name="cancellationToken"/> (the server
    /// stopping), the committed batches stay and the next start goes on. Never throws: a failure is
    /// told on <paramref name="output"/> and in the audit log, and the server keeps running.
    /// </summary>
    public async Task RekeyInBackgroundAsync(TextWriter output, RekeyOptions options, CancellationToken cancellationToken)
    {
        var target = $"master-key/v{pseudonymiser.KeyVersion}";
        string outcome;
        try
        {
            var total = await store.CountToRekeyAsync(pseudonymiser.KeyVersion, cancellationToken).ConfigureAwait(false);
            if (total == 0)
            {
                return;
            }

            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Re-keying {total:N0} stored pseudonyms to master-key version {pseudonymiser.KeyVersion} in the background.")).ConfigureAwait(false);
            var result = await store.RekeyAsync(pseudonymiser, options, null, cancellationToken).ConfigureAwait(false);
            outcome = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"ok rekeyed:{result.Rekeyed} batches:{result.Batches} remaining:{result.Remaining} hashes-kept:{result.HashesKept}");
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Re-keyed {result.Rekeyed:N0} stored pseudonyms; {result.Remaining:N0} left.")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "stopped with the server; the next start goes on";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The message is the store's (a database error), never a pseudonym: none is put in one.
            outcome = "failed: " + exception.GetType().Name;
            await output.WriteLineAsync($"The background re-key failed ({exception.Message}); run hilmo master-key rekey, or restart the server.").ConfigureAwait(false);
        }

        await audit.AppendAsync(new AuditEvent("server", "master-key.rekey", target, AuditReasons.RegisterKeeping, "server", outcome), CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await audit.DisposeAsync().ConfigureAwait(false);
        await store.DisposeAsync().ConfigureAwait(false);
        pseudonymiser.Dispose();
    }
}
