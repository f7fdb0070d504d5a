import account from './account';
import calendar from './calendar';
import common from './common';
import conversations from './conversations';
import coordination from './coordination';
import dashboard from './dashboard';
import followUp from './follow-up';
import forum from './forum';
import joining from './joining';
import liveThread from './live-thread';
import market from './market';
import moderation from './moderation';
import pairing from './pairing';
import permissions from './permissions';
import poles from './poles';
import profile from './profile';
import search from './search';
import threads from './threads';
import twinnings from './twinnings';
import visitAfter from './visit-after';
import visitHosting from './visit-hosting';
import visits from './visits';

export default {
  ...common,
  account,
  calendar,
  conversations,
  coordination,
  dashboard,
  followUp,
  forum,
  joining,
  liveThread,
  market,
  moderation,
  pairing,
  permissions,
  poles,
  profile,
  search,
  threads,
  twinnings,
  visitAfter,
  visitHosting,
  visits,
};
