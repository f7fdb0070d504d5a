import account from './account';
import common from './common';
import conversations from './conversations';
import coordination from './coordination';
import market from './market';
import permissions from './permissions';
import poles from './poles';
import profile from './profile';
import search from './search';

export default { ...common, account, conversations, coordination, market, permissions, poles, profile, search };
