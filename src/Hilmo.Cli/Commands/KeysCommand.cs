using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hilmo.Access;
using Hilmo.Audit;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo keys create|list|revoke</c>: the clients' access keys of the embedded register. A
/// running server sees every change within a second, so a key is revoked without a restart.
/// </summary>
internal static class KeysCommand
{
    private const string Reason = "register administration";

    public static Command Create() =>
        new("keys", "Create, list and revoke the access keys clients authenticate with") { CreateKey(), ListKeys(), RevokeKey() };

    private static Command CreateKey()
    {
        var organisation = new Option<string>("--organisation")
        {
            Description = "The holder's organisation; for a submitter, the provider code (tuottaja) of its records",
            HelpName = "ORG",
            Required = true,
        };
        var role = new Option<Role>("--role")
        {
            Description = "What the key may do",
            HelpName = "submitter|register|supervisor|researcher",
            Required = true,
            CustomParser = ParseRole,
        };
        var name = new Option<string>("--name") { Description = "A label for people, e.g. \"Apotti production\"", HelpName = "TEXT", DefaultValueFactory = _ => string.Empty };
        var data = CommonOptions.Data();
        var command = new Command("create", "Make a key and print its secret, once") { organisation, role, name, data };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (org, keyRole, label) = (parsed.GetValue(organisation)!, parsed.GetValue(role), parsed.GetValue(name)!);
            if (AccessKeyRules.Problem(org, keyRole, label) is { } problem)
            {
                await Console.Error.WriteLineAsync($"hilmo keys create: {problem}").ConfigureAwait(false);
                return 1;
            }

            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var created = RegisterComponents.AccessKeys(folder).Create(org, keyRole, label);
            var key = created.Key;
            Console.Out.WriteLine($"Created key {key.Id} for {key.Organisation}, role {key.Role.Name()}{(key.Name.Length > 0 ? $", \"{key.Name}\"" : string.Empty)}.");
            Console.Out.WriteLine("Its secret follows. It is not stored and will not be shown again: give it to the holder now.");
            Console.Out.WriteLine(created.Secret);
            await AuditAsync(folder, "key.create", key, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var data = CommonOptions.Data();
        var command = new Command("list", "List the keys, revoked ones included; never a secret") { data };
        command.SetAction(parsed =>
        {
            var output = Console.Out;
            output.WriteLine("id\torganisation\trole\tname\tcreated\trevoked");
            foreach (var key in RegisterComponents.AccessKeys(DataFolder.Resolve(parsed.GetValue(data))).List())
            {
                output.WriteLine(string.Join('\t',
                    key.Id, key.Organisation, key.Role.Name(), key.Name.Length > 0 ? key.Name : "-", Time(key.CreatedAt), key.RevokedAt is { } revoked ? Time(revoked) : "-"));
            }

            return 0;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("ID") { Description = "The key's id, as hilmo keys list shows it" };
        var data = CommonOptions.Data();
        var command = new Command("revoke", "Revoke a key; a running server refuses it within a second") { id, data };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var keys = RegisterComponents.AccessKeys(folder);
            var keyId = parsed.GetValue(id)!;
            if (!keys.Revoke(keyId))
            {
                await Console.Error.WriteLineAsync($"hilmo keys revoke: there is no access key with the id \"{keyId}\" in {folder.AccessKeysFile}. See hilmo keys list.").ConfigureAwait(false);
                return 1;
            }

            var key = keys.List().Single(k => k.Id == keyId);
            Console.Out.WriteLine($"Revoked key {key.Id} of {key.Organisation}, role {key.Role.Name()}, at {Time(key.RevokedAt!.Value)}.");
            await AuditAsync(folder, "key.revoke", key, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Role ParseRole(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (!RoleNames.TryParse(text, out var role))
        {
            result.AddError($"--role must be submitter, register, supervisor or researcher, not \"{text}\".");
        }

        return role;
    }

    /// <summary>Tells the audit log who changed which key; the change is made before, so a failing log does not undo it.</summary>
    private static async Task AuditAsync(DataFolder folder, string action, AccessKey key, CancellationToken cancellationToken)
    {
        await using var log = RegisterComponents.AuditLog(folder);
        var auditEvent = new AuditEvent(
            Actor: $"cli:{Environment.UserName}",
            Action: action,
            Target: $"key/{key.Id}",
            Reason: Reason,
            From: "cli",
            Result: $"ok org:{key.Organisation} role:{key.Role.Name()}");
        await log.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
