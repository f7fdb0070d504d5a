import account from './account';
import calendar from './calendar';
import common from './common';
import conversations from './conversations';
import coordination from './coordination';
import followUp from './follow-up';
import market from './market';
import pairing from './pairing';
import permissions from './permissions';
import poles from './poles';
import profile from './profile';
import search from './search';
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
  followUp,
  market,
  pairing,
  permissions,
  poles,
  profile,
  search,
  twinnings,
  visitAfter,
  visitHosting,
  visits,
};
