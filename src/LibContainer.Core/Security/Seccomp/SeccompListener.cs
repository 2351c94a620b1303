using System.Buffers;
using System.Text.Json;
using LibContainer.Config;
using LibContainer.Config.Codec;
using LibContainer.Interop;
using LibContainer.Terminal;

namespace LibContainer.Security.Seccomp;

/// <summary>SCMP_ACT_NOTIFY: where the filter's listener fd goes. The runtime connects to linux.seccomp.listenerPath
/// before the clone (the host path is out of reach after pivot_root); init or the exec'd process sends the fd right
/// after loading the filter, in one SCM_RIGHTS message whose data is the spec's container process state.</summary>
internal sealed class SeccompListener
{
    /// <summary>A socket connected to <paramref name="path"/>; the caller closes <see cref="SocketFd"/> in the parent
    /// after the clone.</summary>
    public SeccompListener(string path, string? metadata, ContainerStateJson state)
    {
        SocketFd = ConsoleSocket.Connect(path);
        Metadata = metadata ?? "";
        State = state;
    }

    public int SocketFd { get; private set; }
    public string Metadata { get; }
    /// <summary>The container's state; its pid is init's (filled in from the Go message when init is the sender).</summary>
    public ContainerStateJson State { get; }

    /// <summary>The container process state: `pid` is the process that loaded the filter, as the runtime sees it.</summary>
    public string ProcessStateJson(int pid)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("ociVersion", Spec.Version);
            w.WriteStartArray("fds");
            w.WriteStringValue("seccompFd");
            w.WriteEndArray();
            w.WriteNumber("pid", pid);
            w.WriteString("metadata", Metadata);
            w.WritePropertyName("state");
            SpecWriter.Write(w, State);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>In the child, after the filter is loaded: sends <paramref name="listenerFd"/> and closes both fds.</summary>
    public void Send(int listenerFd, int pid)
    {
        State.Pid ??= pid;
        try { ConsoleSocket.SendFd(SocketFd, listenerFd, ProcessStateJson(pid)); }
        finally
        {
            RuntimeSys.Close(listenerFd);
            RuntimeSys.Close(SocketFd);
            SocketFd = -1;
        }
    }

    /// <summary>In the parent after the clone (the child has its copy).</summary>
    public void CloseInParent()
    {
        RuntimeSys.Close(SocketFd);
        SocketFd = -1;
    }
}
