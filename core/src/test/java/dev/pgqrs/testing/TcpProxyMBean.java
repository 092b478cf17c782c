package dev.pgqrs.testing;

/** What tests in any class loader may do with the shared {@link TcpProxy}, through the platform MBean server. */
public interface TcpProxyMBean {
    int getPort();

    void cut();

    void restore();
}
