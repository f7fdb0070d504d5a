import account from './account';
import common from './common';
import coordination from './coordination';
import poles from './poles';

export default { ...common, account, coordination, poles };
