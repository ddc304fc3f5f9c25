// The shared subscriber (../handler.js): both sides run the same code.
module.exports = require('../handler');
