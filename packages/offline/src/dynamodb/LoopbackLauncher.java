// Starts DynamoDB Local listening on ONE address instead of every interface.
//
// DynamoDB Local has no host/bind option: DynamoDBProxyServer builds a Jetty Server(port), which listens on all
// interfaces. Here we let DynamoDB Local build its server from the usual command-line arguments, then set the
// host of its Jetty connector before it starts. Run as a source file (Java 11+ with the jdk.compiler module):
//   java -Djava.library.path=<emulator>/DynamoDBLocal_lib -cp <emulator>/DynamoDBLocal.jar \
//        LoopbackLauncher.java 127.0.0.1 -inMemory -sharedDb -disableTelemetry -port 8000
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackLauncher {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    DynamoDBProxyServer proxy =
        ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    if (proxy == null) {
      // -help / -version print and return no server.
      return;
    }
    // The Jetty server is private; reflection is the only way in without patching the jar.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host);
  }
}
