// kinesis-mock and fauxqs listen on every interface and have no setting for it; preloaded with `node -r`, this
// keeps their sockets on 127.0.0.1 so a test server is never reachable from the network. A CommonJS preload runs
// before an ES module entry point too, so it covers fauxqs as well.
const net = require('net');
const LOOPBACK = '127.0.0.1';
const ANY_ADDRESS = new Set([undefined, null, '0.0.0.0', '::']);

// listen(options) binds a TCP port unless it names a Unix socket (path) or an inherited socket (handle, fd).
function isTcpOptions(arg) {
  return arg !== null && typeof arg === 'object' && Object.getPrototypeOf(arg) === Object.prototype
    && arg.path == null && arg.handle == null && arg.fd == null;
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, LOOPBACK);
  } else if (args[1] === '0.0.0.0' || args[1] === '::') {
    args[1] = LOOPBACK;
  } else if (isTcpOptions(args[0]) && ANY_ADDRESS.has(args[0].host)) {
    // Copied: the caller's options object is not ours to change.
    args[0] = { ...args[0], host: LOOPBACK };
  }
  return listen.apply(this, args);
};
