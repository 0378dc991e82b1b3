// kinesis-mock listens on every interface and has no setting for it; preloaded with `node -r`, this keeps
// its sockets on 127.0.0.1 so a test server is never reachable from the network.
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (args[1] === '0.0.0.0' || args[1] === '::') {
    args[1] = '127.0.0.1';
  }
  return listen.apply(this, args);
};
